<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AccessKeyPanel</name>
    <message>
        <source>The chip of your card is locked. It opens with details printed on the card. Choose what you want to type, and leave the card on the reader.</source>
        <translation>您的证件芯片受密码保护，需输入证件上印有的信息才能读取。请选择要输入的内容，并将证件留在读卡器上。</translation>
    </message>
    <message>
        <source>Number on the front (6 digits)</source>
        <translation>正面的号码（6位数字）</translation>
    </message>
    <message>
        <source>The card access number, as marked in the picture</source>
        <translation>即卡片访问码，位置见图中标记</translation>
    </message>
    <message>
        <source>Details on the back</source>
        <translation>背面的信息</translation>
    </message>
    <message>
        <source>Document number, date of birth and expiry date</source>
        <translation>证件号码、出生日期和有效期截止日期</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Type your ID number instead</source>
        <translation>改为输入身份证号码</translation>
    </message>
    <message>
        <source>Scan the QR code on your card</source>
        <translation>扫描身份证上的二维码</translation>
    </message>
    <message>
        <source>Type the number on the front of your card</source>
        <translation>请输入证件正面的号码</translation>
    </message>
    <message>
        <source>Type the details on the back of your card</source>
        <translation>请输入证件背面的信息</translation>
    </message>
    <message>
        <source>Open the chip of your card</source>
        <translation>打开证件芯片</translation>
    </message>
    <message>
        <source>Card access number</source>
        <translation>卡片访问码</translation>
    </message>
    <message>
        <source>Type the 6 digits printed on the front of your card, where the picture marks them. Leave the card on the reader.</source>
        <translation>请输入证件正面印有的6位数字（位置见图中标记）。请将证件留在读卡器上。</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Expiry date</source>
        <translation>有效期截止日期</translation>
    </message>
    <message>
        <source>{step} of {count}: {field}</source>
        <translation>第{step}项，共{count}项：{field}</translation>
    </message>
    <message>
        <source>At the bottom of the back, in the first line: skip the first 5 characters, then type the letters and digits marked 1. Leave out the single digit after them.</source>
        <translation>在背面底部的第一行：跳过开头的5个字符，输入标记为1的字母和数字，不要输入紧随其后的那一位数字。</translation>
    </message>
    <message>
        <source>The first 6 digits of the second line, marked 2: year, month and day, 2 digits each (12 March 1984 is 840312).</source>
        <translation>第二行开头的6位数字，标记为2：年、月、日各2位（例如1984年3月12日为840312）。</translation>
    </message>
    <message>
        <source>On the second line, marked 3: after your date of birth come one digit and one letter; the next 6 digits are the expiry date. Year, month and day, 2 digits each.</source>
        <translation>在第二行，标记为3：出生日期后面是一位数字和一个字母，再往后的6位数字就是有效期截止日期。年、月、日各2位。</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一项</translation>
    </message>
    <message>
        <source>This is not a date: check the month and the day.</source>
        <translation>这不是有效的日期，请检查月份和日期。</translation>
    </message>
</context>
<context>
    <name>BusyPanel</name>
    <message>
        <source>Please wait…</source>
        <translation>请稍候…</translation>
    </message>
    <message>
        <source>Waiting for {seconds} s</source>
        <translation>已等待 {seconds} 秒</translation>
    </message>
</context>
<context>
    <name>CameraView</name>
    <message>
        <source>Starting the camera…</source>
        <translation>正在启动摄像头…</translation>
    </message>
</context>
<context>
    <name>CaseScreen</name>
    <message>
        <source>Why are you here today?</source>
        <translation>您今天要办理什么业务？</translation>
    </message>
</context>
<context>
    <name>ConfigPage</name>
    <message>
        <source>Secrets are hidden. Change the configuration file and restart to change a setting.</source>
        <translation>机密项已隐藏。如需修改设置，请修改配置文件并重启。</translation>
    </message>
</context>
<context>
    <name>ConfirmOverlay</name>
    <message>
        <source>Cancel your application? Everything you entered will be deleted.</source>
        <translation>要取消本次申请吗？您输入的所有信息都将被删除。</translation>
    </message>
    <message>
        <source>Yes, cancel</source>
        <translation>是，取消申请</translation>
    </message>
    <message>
        <source>No, continue</source>
        <translation>否，继续办理</translation>
    </message>
</context>
<context>
    <name>ConsentScreen</name>
    <message>
        <source>Your data and photo</source>
        <translation>您的信息和照片</translation>
    </message>
    <message>
        <source>I agree that my data and photo are used only to make my new ID card. They are sent encrypted and deleted from this machine when I finish.</source>
        <translation>我同意我的信息和照片仅用于制作新证件。信息将加密发送，办理结束后即从本机删除。</translation>
    </message>
    <message>
        <source>Nothing is read and the camera stays off until you agree.</source>
        <translation>在您同意之前，本机不读取任何信息，摄像头保持关闭。</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>I agree</source>
        <translation>我同意</translation>
    </message>
</context>
<context>
    <name>Console</name>
    <message>
        <source>Leave maintenance</source>
        <translation>退出维护</translation>
    </message>
    <message>
        <source>Maintenance · {role}</source>
        <translation>维护 · {role}</translation>
    </message>
    <message>
        <source>Closes when idle in {time}</source>
        <translation>无操作 {time} 后关闭</translation>
    </message>
</context>
<context>
    <name>ContactScreen</name>
    <message>
        <source>We send a text message to your mobile phone when your new card is ready.</source>
        <translation>新证件制作完成后，我们会向您的手机发送短信。</translation>
    </message>
    <message>
        <source>How do you want to get your new card?</source>
        <translation>您希望如何领取新证件？</translation>
    </message>
    <message>
        <source>Come back here with your receipt.</source>
        <translation>凭回执到本派出所领取。</translation>
    </message>
    <message>
        <source>We send the card to your address.</source>
        <translation>我们将证件邮寄到您的地址。</translation>
    </message>
    <message>
        <source>Where should we send your card?</source>
        <translation>证件邮寄到哪里？</translation>
    </message>
    <message>
        <source>Tap your region in the list, one level after the other.</source>
        <translation>请在列表中逐级点选您所在的地区。</translation>
    </message>
    <message>
        <source>Type the street, the house number and the building.</source>
        <translation>请输入街道、门牌号和楼栋。</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>更改</translation>
    </message>
    <message>
        <source>Your mobile phone number</source>
        <translation>您的手机号码</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
</context>
<context>
    <name>DeviceErrorScreen</name>
    <message>
        <source>Sorry, something is not working</source>
        <translation>抱歉，设备出现故障</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
</context>
<context>
    <name>DeviceTestsPage</name>
    <message>
        <source>Put a test card on the reader. For a PACE test card, type its CAN first.</source>
        <translation>请将测试卡放在读卡器上。PACE 测试卡请先输入其 CAN。</translation>
    </message>
    <message>
        <source>Read the card</source>
        <translation>读卡</translation>
    </message>
    <message>
        <source>Print a test page</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <source>New paper roll put in</source>
        <translation>已换新纸卷</translation>
    </message>
    <message>
        <source>Stop the camera</source>
        <translation>关闭摄像头</translation>
    </message>
    <message>
        <source>Start the camera</source>
        <translation>打开摄像头</translation>
    </message>
    <message>
        <source>No camera is configured.</source>
        <translation>未配置摄像头。</translation>
    </message>
    <message>
        <source>Opening the camera…</source>
        <translation>正在打开摄像头…</translation>
    </message>
    <message>
        <source>The camera did not open ({error}).</source>
        <translation>摄像头未能打开（{error}）。</translation>
    </message>
    <message>
        <source>A box marks the face the kiosk finds.</source>
        <translation>方框标出本机识别到的人脸。</translation>
    </message>
    <message>
        <source>Without a CAN</source>
        <translation>不输入 CAN</translation>
    </message>
    <message>
        <source>Type a CAN</source>
        <translation>输入 CAN</translation>
    </message>
    <message>
        <source>Waiting for a card and reading it…</source>
        <translation>正在等待卡片并读取…</translation>
    </message>
    <message>
        <source>The test stopped ({error}).</source>
        <translation>测试中止（{error}）。</translation>
    </message>
    <message>
        <source>Reader: {name}</source>
        <translation>读卡器：{name}</translation>
    </message>
    <message>
        <source>Access: {protocol}</source>
        <translation>访问协议：{protocol}</translation>
    </message>
    <message>
        <source>Signature chain: {status}</source>
        <translation>签名链：{status}</translation>
    </message>
    <message>
        <source>{apdus} APDUs, {size} bytes</source>
        <translation>{apdus} 条 APDU，{size} 字节</translation>
    </message>
    <message>
        <source>Printer: {state}</source>
        <translation>打印机：{state}</translation>
    </message>
    <message>
        <source>About {n} receipts left on the roll.</source>
        <translation>纸卷约剩 {n} 张回执。</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Printed. Status before: {before}, after: {after}.</source>
        <translation>已打印。打印前状态：{before}，打印后：{after}。</translation>
    </message>
    <message>
        <source>Not printed. Status before: {before}, after: {after}.</source>
        <translation>未打印。打印前状态：{before}，打印后：{after}。</translation>
    </message>
</context>
<context>
    <name>EligibilityScreen</name>
    <message>
        <source>Is this you?</source>
        <translation>这是您本人吗？</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号码</translation>
    </message>
    <message>
        <source>Your card expires</source>
        <translation>证件有效期至</translation>
    </message>
    <message>
        <source>New card valid for</source>
        <translation>新证件有效期</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>This is not me</source>
        <translation>这不是我</translation>
    </message>
    <message>
        <source>Yes, continue</source>
        <translation>是我，继续</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Your card has expired. You can renew it now.</source>
        <translation>您的证件已过期，现在可以换领。</translation>
    </message>
    <message>
        <source>You can apply for your new card here.</source>
        <translation>您可以在本机申请新证件。</translation>
    </message>
    <message>
        <source>Next, the camera takes your new photo.</source>
        <translation>接下来，摄像头将为您拍摄新照片。</translation>
    </message>
    <message>
        <source>Next, the camera checks that it is you and takes your new photo.</source>
        <translation>接下来，摄像头将核验您的身份并为您拍摄新照片。</translation>
    </message>
</context>
<context>
    <name>ExportsPage</name>
    <message>
        <source>Copies one day&apos;s export (sessions table, reconciliation, PDF summaries, signed manifest) onto a USB stick. No names or ID numbers are in it.</source>
        <translation>将某一天的导出（会话表、对账、PDF 摘要、签名清单）复制到 U 盘。其中不含姓名或证件号码。</translation>
    </message>
    <message>
        <source>Day:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>USB stick:</source>
        <translation>U 盘：</translation>
    </message>
    <message>
        <source>Write to the stick</source>
        <translation>写入 U 盘</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>重新查找</translation>
    </message>
    <message>
        <source>Looking for USB sticks…</source>
        <translation>正在查找 U 盘…</translation>
    </message>
    <message>
        <source>No USB stick found: insert one, wait a moment, then tap Look again.</source>
        <translation>未找到 U 盘：请插入，稍等片刻，然后点“重新查找”。</translation>
    </message>
    <message>
        <source>Tap the stick to write to.</source>
        <translation>请点选要写入的 U 盘。</translation>
    </message>
    <message>
        <source>The journal has no day to export yet.</source>
        <translation>日志中还没有可导出的日期。</translation>
    </message>
    <message>
        <source>Writing… do not remove the stick.</source>
        <translation>正在写入…请勿拔出 U 盘。</translation>
    </message>
    <message>
        <source>Step {done} of {total}</source>
        <translation>第 {done} 步，共 {total} 步</translation>
    </message>
    <message>
        <source>Not written.</source>
        <translation>未写入。</translation>
    </message>
    <message>
        <source>Written and checked: the copy is good. You may remove the stick.</source>
        <translation>已写入并核验：副本完好。现在可以拔出 U 盘。</translation>
    </message>
    <message>
        <source>Folder {folder}: {files} files, {sessions} sessions; each file read back from the stick matches the kiosk&apos;s signed manifest.</source>
        <translation>文件夹 {folder}：{files} 个文件，{sessions} 个会话；从 U 盘读回的每个文件都与本机签名的清单一致。</translation>
    </message>
    <message>
        <source>Written, but the copy is not good.</source>
        <translation>已写入，但副本有误。</translation>
    </message>
    <message>
        <source>Folder {folder}: reading it back found these files changed or missing: {names}. Use another stick.</source>
        <translation>文件夹 {folder}：读回时发现以下文件被改动或缺失：{names}。请换一个 U 盘。</translation>
    </message>
    <message>
        <source>Today ({date})</source>
        <translation>今天（{date}）</translation>
    </message>
    <message>
        <source>Yesterday ({date})</source>
        <translation>昨天（{date}）</translation>
    </message>
    <message>
        <source>{name} (write-protected)</source>
        <translation>{name}（写保护）</translation>
    </message>
    <message>
        <source>{name} ({free} free)</source>
        <translation>{name}（可用 {free}）</translation>
    </message>
</context>
<context>
    <name>FaceCheckScreen</name>
    <message>
        <source>Look at the camera</source>
        <translation>请看摄像头</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>We compare your face with the photo of the person this e-ID code belongs to. Your details are shown once it matches.</source>
        <translation>我们会将您的面部与该电子身份码所属人的照片进行比对。比对一致后才会显示您的信息。</translation>
    </message>
    <message>
        <source>Use another way</source>
        <translation>改用其他方式</translation>
    </message>
    <message>
        <source>We compare your face with the photo the ID office holds for this number. Your details are shown once it matches.</source>
        <translation>我们会将您的面部与证件管理部门为该号码留存的照片进行比对。比对通过后才会显示您的信息。</translation>
    </message>
    <message>
        <source>Change the ID number</source>
        <translation>修改身份证号码</translation>
    </message>
    <message>
        <source>Stand still in front of the screen and look at the camera. To show that you are really here, do what the picture asks:</source>
        <translation>请站在屏幕前保持不动，看着摄像头。为确认是您本人在场，请按画面提示操作：</translation>
    </message>
    <message>
        <source>Stand still in front of the screen and look straight at the camera. Take off glasses, a hat or a mask.</source>
        <translation>请站在屏幕前保持不动，正视摄像头。请摘下眼镜、帽子或口罩。</translation>
    </message>
    <message>
        <source>Hold still…</source>
        <translation>请保持不动…</translation>
    </message>
    <message>
        <source>Look at the camera and blink once</source>
        <translation>请看摄像头并眨一次眼</translation>
    </message>
    <message>
        <source>Checking that it is you…</source>
        <translation>正在核验身份…</translation>
    </message>
    <message>
        <source>Tries left: {count}</source>
        <translation>剩余次数：{count}</translation>
    </message>
</context>
<context>
    <name>FingerprintsScreen</name>
    <message>
        <source>Your fingerprints</source>
        <translation>您的指纹</translation>
    </message>
    <message>
        <source>Scan again</source>
        <translation>重新扫描</translation>
    </message>
    <message>
        <source>Use another finger</source>
        <translation>换一个手指</translation>
    </message>
    <message>
        <source>I cannot give fingerprints</source>
        <translation>我无法采集指纹</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Place your {finger} flat on the scanner.</source>
        <translation>请将{finger}平放在指纹采集器上。</translation>
    </message>
    <message>
        <source>Finger {finger} of {fingers}, press {press} of {presses}</source>
        <translation>第 {finger} 个手指（共 {fingers} 个），第 {press} 次按压（共 {presses} 次）</translation>
    </message>
    <message>
        <source>Keep your finger still...</source>
        <translation>请保持手指不动……</translation>
    </message>
    <message>
        <source>Waiting for your finger.</source>
        <translation>等待您放上手指。</translation>
    </message>
</context>
<context>
    <name>GoodbyeScreen</name>
    <message>
        <source>This screen closes by itself in {seconds} s.</source>
        <translation>本页面将在 {seconds} 秒后自动关闭。</translation>
    </message>
    <message>
        <source>Please take your ID card from the reader.</source>
        <translation>请从读卡器上取走您的身份证。</translation>
    </message>
    <message>
        <source>Thank you</source>
        <translation>谢谢</translation>
    </message>
    <message>
        <source>Your data has been deleted from this machine.</source>
        <translation>您的信息已从本机删除。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>Guidance</name>
    <message>
        <source>Perfect. Hold still.</source>
        <translation>很好，请保持不动。</translation>
    </message>
    <message>
        <source>Look at the camera.</source>
        <translation>请看向摄像头。</translation>
    </message>
    <message>
        <source>Only one person in front of the camera, please.</source>
        <translation>请保持镜头前只有一人。</translation>
    </message>
    <message>
        <source>Come a little closer.</source>
        <translation>请靠近一点。</translation>
    </message>
    <message>
        <source>Move back a little.</source>
        <translation>请后退一点。</translation>
    </message>
    <message>
        <source>Move a little to your left.</source>
        <translation>请向左移动一点。</translation>
    </message>
    <message>
        <source>Move a little to your right.</source>
        <translation>请向右移动一点。</translation>
    </message>
    <message>
        <source>Raise your head a little, or stand up straight.</source>
        <translation>请抬高一点或站直。</translation>
    </message>
    <message>
        <source>Lower your head a little.</source>
        <translation>请稍微放低头部。</translation>
    </message>
    <message>
        <source>Look straight at the camera.</source>
        <translation>请正视摄像头。</translation>
    </message>
    <message>
        <source>Lift your chin a little.</source>
        <translation>请稍微抬起下巴。</translation>
    </message>
    <message>
        <source>Lower your chin a little.</source>
        <translation>请稍微收下巴。</translation>
    </message>
    <message>
        <source>Keep your head upright.</source>
        <translation>请保持头部端正。</translation>
    </message>
    <message>
        <source>Please take off your glasses.</source>
        <translation>请摘下眼镜。</translation>
    </message>
    <message>
        <source>Please take off your hat or head covering.</source>
        <translation>请摘下帽子或头饰。</translation>
    </message>
    <message>
        <source>Keep your eyes open.</source>
        <translation>请睁开眼睛。</translation>
    </message>
    <message>
        <source>Close your mouth and keep a neutral face.</source>
        <translation>请闭上嘴，保持自然表情。</translation>
    </message>
    <message>
        <source>It is too dark here. Step into the light.</source>
        <translation>光线太暗，请站到光亮处。</translation>
    </message>
    <message>
        <source>Too much light on your face.</source>
        <translation>脸部光线过强。</translation>
    </message>
    <message>
        <source>Your face is lit unevenly. Face the screen squarely.</source>
        <translation>脸部光线不均匀，请正对屏幕。</translation>
    </message>
    <message>
        <source>Stand in front of the plain background.</source>
        <translation>请站在纯色背景前。</translation>
    </message>
    <message>
        <source>Hold still.</source>
        <translation>请保持不动。</translation>
    </message>
    <message>
        <source>Blink slowly once.</source>
        <translation>请慢慢眨一下眼。</translation>
    </message>
    <message>
        <source>Slowly turn your head to your left.</source>
        <translation>请慢慢向左转头。</translation>
    </message>
    <message>
        <source>Slowly turn your head to your right.</source>
        <translation>请慢慢向右转头。</translation>
    </message>
    <message>
        <source>Slowly turn your head to one side.</source>
        <translation>请慢慢向一侧转头。</translation>
    </message>
    <message>
        <source>Now look at the camera again.</source>
        <translation>请再看向摄像头。</translation>
    </message>
</context>
<context>
    <name>HandoverScreen</name>
    <message>
        <source>Please go to the counter</source>
        <translation>请到窗口办理</translation>
    </message>
    <message>
        <source>Nothing was sent. Our staff will help you finish your application.</source>
        <translation>您的申请尚未提交。工作人员将协助您完成办理。</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>结束</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Large text</source>
        <translation>大字体</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>高对比度</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>再听一遍</translation>
    </message>
    <message>
        <source>Louder</source>
        <translation>大声一点</translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Type your ID number instead</source>
        <translation>改为输入身份证号码</translation>
    </message>
    <message>
        <source>Use the card reader instead</source>
        <translation>改为读取证件</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Scan the QR code on your card</source>
        <translation>扫描身份证上的二维码</translation>
    </message>
    <message>
        <source>Type the number instead</source>
        <translation>改为输入号码</translation>
    </message>
    <message>
        <source>Show the code of your e-ID app</source>
        <translation>出示电子身份应用中的验证码</translation>
    </message>
    <message>
        <source>Reading the chip… {done} of {total}</source>
        <translation>正在读取芯片…已读取 {done}，共 {total}</translation>
    </message>
    <message>
        <source>Place your card on the reader</source>
        <translation>请将身份证放在读卡器上</translation>
    </message>
    <message>
        <source>Do not move your card until it is read.</source>
        <translation>读取完成前请不要移动证件。</translation>
    </message>
    <message>
        <source>Lay your ID card flat on the reader below the screen and leave it there until we say it is read.</source>
        <translation>请将身份证平放在屏幕下方的读卡器上，读取完成前请不要移开。</translation>
    </message>
    <message>
        <source>Type your ID number</source>
        <translation>请输入身份证号码</translation>
    </message>
    <message>
        <source>Reading your card… Do not move it.</source>
        <translation>正在读取证件…请不要移动。</translation>
    </message>
    <message>
        <source>Use your e-ID app</source>
        <translation>使用电子身份应用</translation>
    </message>
    <message>
        <source>Type the {length} characters of your ID number. The last one can be the letter X.</source>
        <translation>请输入 {length} 位身份证号码，最后一位可能是字母 X。</translation>
    </message>
    <message>
        <source>Type the {length} digits of your personal ID number.</source>
        <translation>请输入您的 {length} 位个人识别号码。</translation>
    </message>
    <message>
        <source>Open your e-ID app, show its verification code and hold your phone towards the camera, with the code inside the frame.</source>
        <translation>请打开电子身份应用，显示验证码，并将手机朝向摄像头，让验证码位于框内。</translation>
    </message>
    <message>
        <source>Show the QR code on your card</source>
        <translation>请出示身份证上的二维码</translation>
    </message>
    <message>
        <source>Hold the front of your card towards the camera, with the QR code inside the frame.</source>
        <translation>将身份证正面朝向摄像头，让二维码位于框内。</translation>
    </message>
    <message>
        <source>Take the card off the reader first</source>
        <translation>请先取走读卡器上的卡</translation>
    </message>
    <message>
        <source>A card is still lying on the reader from before. Take it off, then place your own card.</source>
        <translation>读卡器上还留着之前的一张卡。请先把它取走，再放上您自己的身份证。</translation>
    </message>
    <message>
        <source>Waiting for the reader to be empty…</source>
        <translation>正在等待读卡器上的卡被取走…</translation>
    </message>
    <message>
        <source>Waiting for your card…</source>
        <translation>正在等待放置证件…</translation>
    </message>
    <message>
        <source>Checking your code with the ID office…</source>
        <translation>正在向证件管理部门核验您的验证码…</translation>
    </message>
    <message>
        <source>Checking your ID number…</source>
        <translation>正在核查身份证号码…</translation>
    </message>
    <message>
        <source>The reader is waiting.</source>
        <translation>读卡器已就绪。</translation>
    </message>
</context>
<context>
    <name>IdleCountdownOverlay</name>
    <message>
        <source>Are you still there?</source>
        <translation>您还在吗？</translation>
    </message>
    <message>
        <source>For your privacy, this session will end and what you entered will be erased in</source>
        <translation>为保护您的隐私，本次办理即将结束，已输入的信息将被清除。剩余时间：</translation>
    </message>
    <message>
        <source>I need more time</source>
        <translation>我需要更多时间</translation>
    </message>
    <message>
        <source>second</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
</context>
<context>
    <name>LogPage</name>
    <message>
        <source>The newest log lines of this run, newest last.</source>
        <translation>本次运行的最新日志，最新的在最后。</translation>
    </message>
</context>
<context>
    <name>Maintenance</name>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Device tests</source>
        <translation>设备测试</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>暂停服务</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Card reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Office look-ups</source>
        <translation>办证机关查询</translation>
    </message>
    <message>
        <source>Disk</source>
        <translation>磁盘</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>需要处理</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Not watched</source>
        <translation>未监控</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>尚未检查</translation>
    </message>
    <message>
        <source>Card read.</source>
        <translation>读卡成功。</translation>
    </message>
    <message>
        <source>No card on the reader.</source>
        <translation>读卡器上没有卡。</translation>
    </message>
    <message>
        <source>The chip answers but needs its access key (type the CAN of a test card).</source>
        <translation>芯片有响应，但需要访问密钥（请输入测试卡的 CAN）。</translation>
    </message>
    <message>
        <source>The chip refused the access key.</source>
        <translation>芯片拒绝了访问密钥。</translation>
    </message>
    <message>
        <source>The chip answered, but its data could not be read.</source>
        <translation>芯片有响应，但数据无法读取。</translation>
    </message>
    <message>
        <source>The card reader is not available.</source>
        <translation>读卡器不可用。</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>paper low</source>
        <translation>纸将用完</translation>
    </message>
    <message>
        <source>paper out</source>
        <translation>缺纸</translation>
    </message>
    <message>
        <source>cover open</source>
        <translation>盖子打开</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Queued again: it is tried at the next delivery.</source>
        <translation>已重新排队：下次发送时重试。</translation>
    </message>
    <message>
        <source>This application could not be queued again.</source>
        <translation>该申请无法重新排队。</translation>
    </message>
    <message>
        <source>Receipt printed again.</source>
        <translation>回执已重新打印。</translation>
    </message>
    <message>
        <source>The receipt could not be printed again.</source>
        <translation>回执无法重新打印。</translation>
    </message>
    <message>
        <source>A CAN is digits only.</source>
        <translation>CAN 只能是数字。</translation>
    </message>
    <message>
        <source>The stick was removed while writing. Nothing on it looks like a finished export: insert it and write again.</source>
        <translation>写入时 U 盘被拔出。U 盘上没有看似完整的导出：请重新插入并再次写入。</translation>
    </message>
    <message>
        <source>The stick is full. What was half-written has been removed: free some space or use another stick.</source>
        <translation>U 盘已满。写了一半的内容已删除：请腾出空间或换一个 U 盘。</translation>
    </message>
    <message>
        <source>The stick is write-protected. Slide its lock switch off, or use another stick.</source>
        <translation>U 盘处于写保护状态。请拨开其锁定开关，或换一个 U 盘。</translation>
    </message>
    <message>
        <source>The journal has nothing for this day.</source>
        <translation>日志中没有这一天的记录。</translation>
    </message>
    <message>
        <source>The export could not be written. What was half-written has been removed: try again or use another stick.</source>
        <translation>无法写入导出。写了一半的内容已删除：请重试或换一个 U 盘。</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>parked</source>
        <translation>已搁置</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>已送达</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Your card can be renewed from {date}.</source>
        <translation>您的证件自 {date} 起可以换领。</translation>
    </message>
    <message>
        <source>Your card is still valid for a while. Please come back on or after that day.</source>
        <translation>您的证件目前仍在有效期内，请在该日期当天或之后再来办理。</translation>
    </message>
    <message>
        <source>Applicants under {age} must come to the counter with a guardian.</source>
        <translation>未满 {age} 周岁的申请人须由监护人陪同到窗口办理。</translation>
    </message>
    <message>
        <source>Please go to the counter with a parent or guardian.</source>
        <translation>请由父母或监护人陪同到窗口办理。</translation>
    </message>
    <message>
        <source>We could not find the expiry date of your card.</source>
        <translation>无法确认您证件的有效期。</translation>
    </message>
    <message>
        <source>Please go to the counter.</source>
        <translation>请到窗口办理。</translation>
    </message>
    <message>
        <source>My card is expiring or has expired</source>
        <translation>证件即将到期或已过期</translation>
    </message>
    <message>
        <source>Have your card with you. Fee: {fee}</source>
        <translation>请携带您的证件。费用：{fee}</translation>
    </message>
    <message>
        <source>Renewal: card expiring or expired</source>
        <translation>有效期满换领</translation>
    </message>
    <message>
        <source>My card is damaged</source>
        <translation>证件损坏</translation>
    </message>
    <message>
        <source>Have your card with you, even if it is broken. Fee: {fee}</source>
        <translation>请携带您的证件（即使已损坏）。费用：{fee}</translation>
    </message>
    <message>
        <source>Replacement: damaged card</source>
        <translation>损坏换领</translation>
    </message>
    <message>
        <source>I lost my card</source>
        <translation>证件丢失</translation>
    </message>
    <message>
        <source>You will type your ID number. Fee: {fee}</source>
        <translation>需要输入身份证号码。费用：{fee}</translation>
    </message>
    <message>
        <source>Replacement: lost card</source>
        <translation>丢失补领</translation>
    </message>
    <message>
        <source>Collect at this police station</source>
        <translation>到本派出所领取</translation>
    </message>
    <message>
        <source>Deliver by post</source>
        <translation>邮寄到家</translation>
    </message>
    <message>
        <source>right thumb</source>
        <translation>右手拇指</translation>
    </message>
    <message>
        <source>right index finger</source>
        <translation>右手食指</translation>
    </message>
    <message>
        <source>right middle finger</source>
        <translation>右手中指</translation>
    </message>
    <message>
        <source>right ring finger</source>
        <translation>右手无名指</translation>
    </message>
    <message>
        <source>right little finger</source>
        <translation>右手小指</translation>
    </message>
    <message>
        <source>left thumb</source>
        <translation>左手拇指</translation>
    </message>
    <message>
        <source>left index finger</source>
        <translation>左手食指</translation>
    </message>
    <message>
        <source>left middle finger</source>
        <translation>左手中指</translation>
    </message>
    <message>
        <source>left ring finger</source>
        <translation>左手无名指</translation>
    </message>
    <message>
        <source>left little finger</source>
        <translation>左手小指</translation>
    </message>
    <message>
        <source>Your application is complete. We will send you a text message when your new card is ready.</source>
        <translation>申请已完成。新证件制作完成后，我们会发短信通知您。</translation>
    </message>
    <message>
        <source>Your application was cancelled. Nothing was sent.</source>
        <translation>申请已取消，未提交任何信息。</translation>
    </message>
    <message>
        <source>Your session ended because nobody touched the screen for a while.</source>
        <translation>由于长时间无操作，本次办理已结束。</translation>
    </message>
    <message>
        <source>You cannot apply at this machine today.</source>
        <translation>您今天无法在本机办理。</translation>
    </message>
    <message>
        <source>Please go to the counter. The staff will help you.</source>
        <translation>请到窗口办理，工作人员会为您提供帮助。</translation>
    </message>
    <message>
        <source>We are sorry for the trouble. Please go to the counter.</source>
        <translation>给您带来不便，敬请谅解。请到窗口办理。</translation>
    </message>
    <message>
        <source>We could not confirm your face after {tries} tries.</source>
        <translation>经过 {tries} 次尝试，仍无法核验您的人脸。</translation>
    </message>
    <message>
        <source>We could not read your card after {tries} tries.</source>
        <translation>经过 {tries} 次尝试，仍无法读取您的证件。</translation>
    </message>
    <message>
        <source>The details typed did not open the chip of your card after {tries} tries.</source>
        <translation>您输入的信息尝试{tries}次后仍未能打开证件芯片。</translation>
    </message>
    <message>
        <source>We could not confirm that the card&apos;s chip is genuine.</source>
        <translation>无法确认该证件芯片的真实性。</translation>
    </message>
    <message>
        <source>We could not confirm your mobile phone number.</source>
        <translation>我们无法确认您的手机号码。</translation>
    </message>
    <message>
        <source>We cannot take or confirm the fee here right now.</source>
        <translation>目前无法在此收取或确认费用。</translation>
    </message>
    <message>
        <source>This application needs the help of our staff.</source>
        <translation>本次申请需要工作人员协助办理。</translation>
    </message>
    <message>
        <source>Bring your ID card and another identity document if you have one.</source>
        <translation>请携带身份证；如有其他身份证明文件，也请一并携带。</translation>
    </message>
    <message>
        <source>Bring the card that could not be read.</source>
        <translation>请携带无法读取的证件。</translation>
    </message>
    <message>
        <source>Bring your card: our staff can open its chip for you.</source>
        <translation>请携带您的证件，工作人员可以帮您读取芯片。</translation>
    </message>
    <message>
        <source>This can happen when a chip is damaged. Bring your card and another identity document if you have one.</source>
        <translation>芯片损坏时也可能出现这种情况。请携带此证件；如有其他身份证明文件，也请一并携带。</translation>
    </message>
    <message>
        <source>Our staff can check your card by hand. Bring it, and another identity document if you have one.</source>
        <translation>工作人员可以人工核验您的证件。请携带此证件；如有其他身份证明文件，也请一并携带。</translation>
    </message>
    <message>
        <source>Bring your ID card and your mobile phone.</source>
        <translation>请带上您的身份证和手机。</translation>
    </message>
    <message>
        <source>If you have already paid, nothing is lost: our staff can see your payment. They will help you finish your application and take the fee.</source>
        <translation>如果您已经付款，款项不会丢失：工作人员可以查到您的付款。他们会帮您完成申请并收取费用。</translation>
    </message>
    <message>
        <source>Bring any identity document you have with you.</source>
        <translation>请携带您随身的任何身份证明文件。</translation>
    </message>
    <message>
        <source>Long-term (no end date)</source>
        <translation>长期（无截止日期）</translation>
    </message>
    <message>
        <source>{years} years, until {date}</source>
        <translation>{years} 年，至 {date}</translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Check character X</source>
        <translation>校验码 X</translation>
    </message>
</context>
<context>
    <name>OutOfService</name>
    <message>
        <source>Switched off for maintenance.</source>
        <translation>维护中，暂停服务。</translation>
    </message>
    <message>
        <source>The kiosk could not start.</source>
        <translation>本机未能正常启动。</translation>
    </message>
    <message>
        <source>The camera is not working.</source>
        <translation>摄像头无法正常工作。</translation>
    </message>
    <message>
        <source>The card reader is not working.</source>
        <translation>读卡器无法正常工作。</translation>
    </message>
    <message>
        <source>The receipt printer is not answering.</source>
        <translation>回执打印机没有响应。</translation>
    </message>
    <message>
        <source>The receipt printer is out of paper.</source>
        <translation>回执打印机缺纸。</translation>
    </message>
    <message>
        <source>The cover of the receipt printer is open.</source>
        <translation>回执打印机的盖子未关好。</translation>
    </message>
    <message>
        <source>The kiosk cannot write to its storage.</source>
        <translation>本机无法写入存储。</translation>
    </message>
    <message>
        <source>The kiosk&apos;s storage is full.</source>
        <translation>本机存储空间已满。</translation>
    </message>
    <message>
        <source>The kiosk cannot save applications.</source>
        <translation>本机无法保存申请。</translation>
    </message>
    <message>
        <source>A device needs attention ({code}).</source>
        <translation>有设备需要检查（{code}）。</translation>
    </message>
</context>
<context>
    <name>OutOfServicePage</name>
    <message>
        <source>Take out of service</source>
        <translation>暂停服务</translation>
    </message>
    <message>
        <source>Back into service</source>
        <translation>恢复服务</translation>
    </message>
    <message>
        <source>What citizens see now:</source>
        <translation>市民现在看到的：</translation>
    </message>
    <message>
        <source>The service switch is not available.</source>
        <translation>服务开关不可用。</translation>
    </message>
    <message>
        <source>Switched off by a technician since {time}.</source>
        <translation>自 {time} 起由技术员暂停服务。</translation>
    </message>
    <message>
        <source>Out of service because a device failed; it comes back by itself.</source>
        <translation>因设备故障暂停服务；设备恢复后自动恢复服务。</translation>
    </message>
    <message>
        <source>In service.</source>
        <translation>正在服务。</translation>
    </message>
    <message>
        <source>The welcome screen (the kiosk serves).</source>
        <translation>欢迎页面（本机正在服务）。</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <source>This machine is out of service.</source>
        <translation>本机暂停服务。</translation>
    </message>
    <message>
        <source>Please use the counter. We are sorry for the inconvenience.</source>
        <translation>请到窗口办理，给您带来不便，敬请谅解。</translation>
    </message>
    <message>
        <source>For staff: {reason}</source>
        <translation>工作人员参考：{reason}</translation>
    </message>
</context>
<context>
    <name>PhoneCheckScreen</name>
    <message>
        <source>Type the code we sent to your phone</source>
        <translation>请输入我们发到您手机上的验证码</translation>
    </message>
    <message>
        <source>Send a new code</source>
        <translation>重新发送验证码</translation>
    </message>
    <message>
        <source>Go to the counter</source>
        <translation>到窗口办理</translation>
    </message>
    <message>
        <source>Change the number</source>
        <translation>更换号码</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>We sent a text message with a code to {number}.</source>
        <translation>我们已向 {number} 发送了一条含验证码的短信。</translation>
    </message>
    <message>
        <source>Sending the code…</source>
        <translation>正在发送验证码…</translation>
    </message>
    <message>
        <source>Checking the code…</source>
        <translation>正在核对验证码…</translation>
    </message>
    <message>
        <source>You can ask for a new code in 1 second.</source>
        <translation>1 秒后可以重新获取验证码。</translation>
    </message>
    <message>
        <source>You can ask for a new code in {seconds} seconds.</source>
        <translation>{seconds} 秒后可以重新获取验证码。</translation>
    </message>
</context>
<context>
    <name>PaymentScreen</name>
    <message>
        <source>Pay the fee</source>
        <translation>缴纳费用</translation>
    </message>
    <message>
        <source>Back to the review</source>
        <translation>返回核对页面</translation>
    </message>
    <message>
        <source>Cancel the payment</source>
        <translation>取消付款</translation>
    </message>
    <message>
        <source>Show a new code</source>
        <translation>显示新的付款码</translation>
    </message>
    <message>
        <source>Fee: {amount}</source>
        <translation>费用：{amount}</translation>
    </message>
    <message>
        <source>Cancelling the payment…</source>
        <translation>正在取消付款…</translation>
    </message>
    <message>
        <source>Scan the code with your payment app and pay there. This screen moves on by itself as soon as your payment has arrived.</source>
        <translation>请用您的支付应用扫描此码并完成付款。收到您的付款后，本页面会自动继续。</translation>
    </message>
    <message>
        <source>Asking for your payment code…</source>
        <translation>正在获取您的付款码…</translation>
    </message>
    <message>
        <source>The code is valid for {time} more.</source>
        <translation>此码还有 {time} 有效。</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Maintenance</source>
        <translation>维护</translation>
    </message>
    <message>
        <source>Enter your PIN.</source>
        <translation>请输入您的 PIN 码。</translation>
    </message>
    <message>
        <source>Back to the welcome screen</source>
        <translation>返回欢迎页面</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {time}.</source>
        <translation>PIN 码错误次数过多。请在 {time} 后重试。</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>PIN 码错误。</translation>
    </message>
    <message>
        <source>No maintenance PIN is configured on this kiosk.</source>
        <translation>本机未配置维护 PIN 码。</translation>
    </message>
</context>
<context>
    <name>PortraitScreen</name>
    <message>
        <source>Use this photo</source>
        <translation>使用这张照片</translation>
    </message>
    <message>
        <source>Retake</source>
        <translation>重新拍摄</translation>
    </message>
    <message>
        <source>I have a photo receipt code</source>
        <translation>我有照相回执码</translation>
    </message>
    <message>
        <source>Take the photo here instead</source>
        <translation>改为在本机拍照</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Type the code instead</source>
        <translation>改为输入编码</translation>
    </message>
    <message>
        <source>Show your photo receipt</source>
        <translation>请出示照片回执</translation>
    </message>
    <message>
        <source>Hold the receipt the photo studio gave you towards the camera, with its code inside the frame.</source>
        <translation>将照相馆给您的回执朝向摄像头，让编码位于框内。</translation>
    </message>
    <message>
        <source>Type your photo receipt code</source>
        <translation>请输入照相回执码</translation>
    </message>
    <message>
        <source>The code is printed on the receipt the photo studio gave you.</source>
        <translation>回执码印在照相馆提供的回执上。</translation>
    </message>
    <message>
        <source>Choose your photo</source>
        <translation>请选择照片</translation>
    </message>
    <message>
        <source>This photo will be printed on your new card. Choose the one you like, or take new ones.</source>
        <translation>这张照片将印在您的新证件上。请选择您满意的一张，或重新拍摄。</translation>
    </message>
    <message>
        <source>Your new photo</source>
        <translation>拍摄证件照</translation>
    </message>
    <message>
        <source>Look straight at the camera with your mouth closed. Keep your face inside the oval. The photo is taken automatically.</source>
        <translation>请正视摄像头，嘴巴自然闭合，脸部保持在椭圆框内。系统将自动拍照。</translation>
    </message>
    <message>
        <source>Keep still…</source>
        <translation>请保持不动…</translation>
    </message>
    <message>
        <source>Taking your photo…</source>
        <translation>正在拍照…</translation>
    </message>
    <message>
        <source>Scan the receipt</source>
        <translation>扫描回执</translation>
    </message>
    <message>
        <source>Look straight at the camera</source>
        <translation>请正视摄像头</translation>
    </message>
    <message>
        <source>Fetching your photo from the studio…</source>
        <translation>正在从照相馆获取照片…</translation>
    </message>
    <message>
        <source>Get ready…</source>
        <translation>请准备…</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <source>We did not find a card on the reader.</source>
        <translation>读卡器上没有检测到证件。</translation>
    </message>
    <message>
        <source>Put your card flat on the reader and leave it there, then tap &apos;Try again&apos;.</source>
        <translation>请将证件平放在读卡器上不要移开，然后点击“重试”。</translation>
    </message>
    <message>
        <source>Your card was moved while we were reading it.</source>
        <translation>读取过程中证件被移动了。</translation>
    </message>
    <message>
        <source>Put your card back on the reader and do not move it until we say so.</source>
        <translation>请将证件重新放回读卡器上，读取完成前请不要移动。</translation>
    </message>
    <message>
        <source>Another card is still lying on the reader.</source>
        <translation>读卡器上还有另一张卡。</translation>
    </message>
    <message>
        <source>Take it off the reader and give it to our staff if it is not yours. Then tap &apos;Try again&apos;.</source>
        <translation>请把它从读卡器上取下；如果不是您的卡，请交给工作人员。然后点击“重试”。</translation>
    </message>
    <message>
        <source>This card cannot be read here.</source>
        <translation>本机无法读取这张证件。</translation>
    </message>
    <message>
        <source>Type your ID number instead.</source>
        <translation>请改为输入身份证号码。</translation>
    </message>
    <message>
        <source>We could not read the chip of your card.</source>
        <translation>无法读取证件芯片。</translation>
    </message>
    <message>
        <source>Try again, or type your ID number instead.</source>
        <translation>请重试，或改为输入身份证号码。</translation>
    </message>
    <message>
        <source>The card reader is not working.</source>
        <translation>读卡器无法正常工作。</translation>
    </message>
    <message>
        <source>Tap &apos;Try again&apos;. If it still does not work, please go to the counter.</source>
        <translation>请点击“重试”。如果仍然不行，请到窗口办理。</translation>
    </message>
    <message>
        <source>Some of the details are not complete.</source>
        <translation>部分信息尚未填写完整。</translation>
    </message>
    <message>
        <source>Fill in every box exactly as it is printed on your card, then tap &apos;Continue&apos;.</source>
        <translation>请按证件上印的内容逐项填写，然后点击“继续”。</translation>
    </message>
    <message>
        <source>These details do not open the chip of your card.</source>
        <translation>这些信息无法打开您的证件芯片。</translation>
    </message>
    <message>
        <source>Compare what you typed with your card and correct it.</source>
        <translation>请将输入的内容与证件逐项核对并更正。</translation>
    </message>
    <message>
        <source>The chip of this card cannot be opened with the number on the front.</source>
        <translation>这张证件的芯片不能用正面的号码打开。</translation>
    </message>
    <message>
        <source>Choose &apos;Details on the back&apos; and type the three details printed there.</source>
        <translation>请选择“背面的信息”，并输入背面印着的三项信息。</translation>
    </message>
    <message>
        <source>We could not confirm that the card&apos;s chip is genuine.</source>
        <translation>无法确认该证件芯片的真实性。</translation>
    </message>
    <message>
        <source>Please go to the counter: our staff will check your card with you.</source>
        <translation>请到窗口办理，工作人员会与您一起核查证件。</translation>
    </message>
    <message>
        <source>This ID number is not correct.</source>
        <translation>身份证号码不正确。</translation>
    </message>
    <message>
        <source>Check the number on your documents and correct it.</source>
        <translation>请对照您的证件核对并更正号码。</translation>
    </message>
    <message>
        <source>We cannot check ID numbers with the ID office right now.</source>
        <translation>目前无法向证件管理部门核对身份证号码。</translation>
    </message>
    <message>
        <source>Please go to the counter: our staff will help you there.</source>
        <translation>请到窗口办理，工作人员会为您提供帮助。</translation>
    </message>
    <message>
        <source>Tap &apos;Use the card reader instead&apos; to read your card&apos;s chip, or go to the counter.</source>
        <translation>请点击“改为读取证件”读取证件芯片，或到窗口办理。</translation>
    </message>
    <message>
        <source>The ID office is very busy right now.</source>
        <translation>证件管理部门目前非常繁忙。</translation>
    </message>
    <message>
        <source>Wait a moment and try once more, or go to the counter.</source>
        <translation>请稍等片刻再试一次，或到窗口办理。</translation>
    </message>
    <message>
        <source>We cannot fetch your studio photo from the ID office right now.</source>
        <translation>目前无法从证件管理部门获取您在照相馆拍摄的照片。</translation>
    </message>
    <message>
        <source>Tap &apos;Take the photo here instead&apos; and the camera will take it, or go to the counter.</source>
        <translation>请点击“改为在本机拍照”，由摄像头为您拍照，或到窗口办理。</translation>
    </message>
    <message>
        <source>This e-ID code is not valid any more.</source>
        <translation>该电子身份验证码已失效。</translation>
    </message>
    <message>
        <source>Open your e-ID app for a fresh code and show it again, or type your ID number instead.</source>
        <translation>请在电子身份应用中获取新的验证码后再次出示，或改为输入身份证号码。</translation>
    </message>
    <message>
        <source>We cannot check e-ID codes with the ID office right now.</source>
        <translation>目前无法向证件管理部门核验电子身份验证码。</translation>
    </message>
    <message>
        <source>Type your ID number instead, or go to the counter.</source>
        <translation>请改为输入身份证号码，或到窗口办理。</translation>
    </message>
    <message>
        <source>We could not confirm that this e-ID code is yours.</source>
        <translation>无法确认该电子身份验证码属于您本人。</translation>
    </message>
    <message>
        <source>Look straight at the camera and tap &apos;Try again&apos;, or tap &apos;Use another way&apos;.</source>
        <translation>请正视摄像头，然后点击“重试”，或点击“改用其他方式”。</translation>
    </message>
    <message>
        <source>We could not confirm that you are the person on the card.</source>
        <translation>无法确认您是证件持有人本人。</translation>
    </message>
    <message>
        <source>Take off glasses or a hat, look straight at the camera and tap &apos;Try again&apos;.</source>
        <translation>请摘下眼镜或帽子，正视摄像头，然后点击“重试”。</translation>
    </message>
    <message>
        <source>We could not confirm that this ID number is yours.</source>
        <translation>无法确认该身份证号码属于您本人。</translation>
    </message>
    <message>
        <source>If you mistyped it, tap &apos;Change the ID number&apos;. Otherwise look straight at the camera and tap &apos;Try again&apos;.</source>
        <translation>如果号码输入有误，请点击“修改身份证号码”；否则请正视摄像头，然后点击“重试”。</translation>
    </message>
    <message>
        <source>We cannot see your face.</source>
        <translation>没有检测到您的脸部。</translation>
    </message>
    <message>
        <source>Stand in front of the screen, look at the camera and tap &apos;Try again&apos;.</source>
        <translation>请站在屏幕前，看着摄像头，然后点击“重试”。</translation>
    </message>
    <message>
        <source>We could not confirm that a live person is in front of the camera.</source>
        <translation>无法确认摄像头前是真人本人。</translation>
    </message>
    <message>
        <source>Tap &apos;Try again&apos;, then follow the instructions on the picture: blink, and turn your head slowly when asked.</source>
        <translation>请点击“重试”，然后按画面提示操作：眨眼，并在提示时慢慢转头。</translation>
    </message>
    <message>
        <source>The camera is not working.</source>
        <translation>摄像头无法正常工作。</translation>
    </message>
    <message>
        <source>We could not take a good photo.</source>
        <translation>未能拍摄到合格的照片。</translation>
    </message>
    <message>
        <source>Look straight at the camera, keep still and tap &apos;Retake&apos;.</source>
        <translation>请正视摄像头并保持不动，然后点击“重新拍摄”。</translation>
    </message>
    <message>
        <source>We found no photo for this code.</source>
        <translation>没有找到该回执码对应的照片。</translation>
    </message>
    <message>
        <source>Check the code on your photo receipt and type it again.</source>
        <translation>请核对照相回执上的回执码后重新输入。</translation>
    </message>
    <message>
        <source>The camera did not see the code.</source>
        <translation>摄像头没有看到编码。</translation>
    </message>
    <message>
        <source>Try again and hold the code inside the frame, or type it instead.</source>
        <translation>请重试并让编码位于框内，或改为手动输入。</translation>
    </message>
    <message>
        <source>We did not feel a finger on the scanner.</source>
        <translation>没有检测到手指。</translation>
    </message>
    <message>
        <source>Tap &apos;Scan again&apos;, then press your finger on the glass.</source>
        <translation>请点击“重新扫描”，然后将手指按在玻璃上。</translation>
    </message>
    <message>
        <source>Only part of your finger was on the scanner.</source>
        <translation>手指只有一部分在采集器上。</translation>
    </message>
    <message>
        <source>Place your finger flat, in the middle of the glass.</source>
        <translation>请将手指平放在玻璃中央。</translation>
    </message>
    <message>
        <source>The fingerprint is too faint.</source>
        <translation>指纹太浅。</translation>
    </message>
    <message>
        <source>Press a little harder and keep still.</source>
        <translation>请稍微用力按压，并保持不动。</translation>
    </message>
    <message>
        <source>The fingerprint is smudged.</source>
        <translation>指纹模糊不清。</translation>
    </message>
    <message>
        <source>Wipe your finger clean and dry, then press again.</source>
        <translation>请将手指擦干净、擦干，然后再按一次。</translation>
    </message>
    <message>
        <source>We could not read this finger.</source>
        <translation>无法读取这个手指的指纹。</translation>
    </message>
    <message>
        <source>Please use the finger shown now instead.</source>
        <translation>请改用现在显示的手指。</translation>
    </message>
    <message>
        <source>The fingerprint scanner is not working.</source>
        <translation>指纹采集器无法工作。</translation>
    </message>
    <message>
        <source>This is not a mobile phone number.</source>
        <translation>这不是有效的手机号码。</translation>
    </message>
    <message>
        <source>Type your mobile number again: it has {digits} digits.</source>
        <translation>请重新输入手机号码（共 {digits} 位）。</translation>
    </message>
    <message>
        <source>Your studio photo does not meet the rules for ID card photos.</source>
        <translation>您的照相馆照片不符合身份证照片的要求。</translation>
    </message>
    <message>
        <source>This is not the code we sent.</source>
        <translation>这不是我们发送的验证码。</translation>
    </message>
    <message>
        <source>Look at the text message on your phone and type its code again.</source>
        <translation>请查看手机上的短信，重新输入其中的验证码。</translation>
    </message>
    <message>
        <source>The code was wrong too many times.</source>
        <translation>验证码输错次数过多。</translation>
    </message>
    <message>
        <source>Tap &apos;Change the number&apos; to use another mobile number, or go to the counter.</source>
        <translation>请点击“更换号码”使用其他手机号码，或到窗口办理。</translation>
    </message>
    <message>
        <source>This code is no longer valid.</source>
        <translation>此验证码已失效。</translation>
    </message>
    <message>
        <source>Tap &apos;Send a new code&apos; and type the code of the new text message.</source>
        <translation>请点击“重新发送验证码”，然后输入新短信中的验证码。</translation>
    </message>
    <message>
        <source>We cannot send more codes to your phone.</source>
        <translation>我们无法再向您的手机发送验证码。</translation>
    </message>
    <message>
        <source>We cannot send a code to your phone right now.</source>
        <translation>我们现在无法向您的手机发送验证码。</translation>
    </message>
    <message>
        <source>Please go to the counter: our staff will finish your application.</source>
        <translation>请到窗口办理，工作人员会帮您完成申请。</translation>
    </message>
    <message>
        <source>We need the address to send your card to.</source>
        <translation>需要填写证件的邮寄地址。</translation>
    </message>
    <message>
        <source>Type the full address: street, number and city.</source>
        <translation>请输入完整地址：街道、门牌号和城市。</translation>
    </message>
    <message>
        <source>Please agree to the privacy terms first.</source>
        <translation>请先同意隐私条款。</translation>
    </message>
    <message>
        <source>Tick the box &apos;I agree&apos; on this screen.</source>
        <translation>请勾选本页面上的“我同意”。</translation>
    </message>
    <message>
        <source>Please sign first.</source>
        <translation>请先签名。</translation>
    </message>
    <message>
        <source>Sign with your finger in the white box.</source>
        <translation>请用手指在白色方框内签名。</translation>
    </message>
    <message>
        <source>Your application could not be saved. Nothing was sent.</source>
        <translation>申请未能保存，未提交任何信息。</translation>
    </message>
    <message>
        <source>The printer could not print your receipt.</source>
        <translation>打印机未能打印回执。</translation>
    </message>
    <message>
        <source>Your application is saved. Please write down the number, or keep it on your phone as a QR code.</source>
        <translation>您的申请已保存。请记下申请编号，或用手机保存二维码。</translation>
    </message>
    <message>
        <source>The time to pay with this code has run out. Nothing was charged.</source>
        <translation>此付款码的付款时间已过，未扣任何费用。</translation>
    </message>
    <message>
        <source>Tap &apos;Show a new code&apos; to pay now, or go back to the review.</source>
        <translation>点击“显示新的付款码”立即付款，或返回核对页面。</translation>
    </message>
    <message>
        <source>The payment was cancelled. Nothing was charged.</source>
        <translation>付款已取消，未扣任何费用。</translation>
    </message>
    <message>
        <source>The payment service is very busy right now.</source>
        <translation>支付服务目前非常繁忙。</translation>
    </message>
    <message>
        <source>Wait a moment and tap &apos;Show a new code&apos;, or go to the counter.</source>
        <translation>请稍等片刻后点击“显示新的付款码”，或前往柜台。</translation>
    </message>
    <message>
        <source>The number must have {length} characters; you typed {typed}.</source>
        <translation>号码应为 {length} 位，您输入了 {typed} 位。</translation>
    </message>
    <message>
        <source>Only digits are allowed (and X only as the last character).</source>
        <translation>只能输入数字（X 只能是最后一位）。</translation>
    </message>
    <message>
        <source>The first digits are not the code of a known region.</source>
        <translation>号码开头几位不是有效的地区代码。</translation>
    </message>
    <message>
        <source>The date of birth inside the number is not possible.</source>
        <translation>号码中的出生日期不正确。</translation>
    </message>
    <message>
        <source>The last character does not match the others: a digit may be mistyped.</source>
        <translation>最后一位校验码与其他数字不符，可能有数字输错了。</translation>
    </message>
    <message>
        <source>Only digits are allowed.</source>
        <translation>只能输入数字。</translation>
    </message>
    <message>
        <source>Compare every digit with your card, from the first: the mistyped one can be anywhere.</source>
        <translation>请对照证件从第一位起逐位核对：输错的数字可能在任何位置。</translation>
    </message>
    <message>
        <source>You can try one more time.</source>
        <translation>您还可以再试一次。</translation>
    </message>
    <message>
        <source>You can try {count} more times.</source>
        <translation>您还可以再试{count}次。</translation>
    </message>
    <message>
        <source>Something went wrong.</source>
        <translation>出现了问题。</translation>
    </message>
    <message>
        <source>Please try again, or go to the counter.</source>
        <translation>请重试，或到窗口办理。</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <source>The queue is not available.</source>
        <translation>队列不可用。</translation>
    </message>
    <message>
        <source>Queued {queued} · parked {parked} · delivered {delivered} · oldest waiting {age}</source>
        <translation>排队 {queued} · 搁置 {parked} · 已送达 {delivered} · 最久等待 {age}</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>申请</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Reprint receipt</source>
        <translation>重新打印回执</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <source>Your application has been submitted</source>
        <translation>您的申请已提交</translation>
    </message>
    <message>
        <source>Your application number:</source>
        <translation>您的受理编号：</translation>
    </message>
    <message>
        <source>Take your receipt below the screen.</source>
        <translation>请在屏幕下方取走回执。</translation>
    </message>
    <message>
        <source>Scan this code with your phone&apos;s camera and keep it: it holds your application number.</source>
        <translation>请用手机相机扫描此码并保存：其中含有您的申请编号。</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>I have noted the number</source>
        <translation>我已记下编号</translation>
    </message>
    <message>
        <source>Show the receipt</source>
        <translation>显示回执</translation>
    </message>
    <message>
        <source>QR code for my phone</source>
        <translation>二维码存到手机</translation>
    </message>
    <message>
        <source>We will send you a text message when your new card is ready.</source>
        <translation>新证件制作完成后，我们会发短信通知您。</translation>
    </message>
    <message>
        <source>Keep the receipt. We will send you a text message when your new card is ready.</source>
        <translation>请妥善保管回执。新证件制作完成后，我们会发短信通知您。</translation>
    </message>
</context>
<context>
    <name>RegionPicker</name>
    <message>
        <source>Choose your province</source>
        <translation>请选择省份</translation>
    </message>
    <message>
        <source>Choose your city</source>
        <translation>请选择城市</translation>
    </message>
    <message>
        <source>Choose your district or county</source>
        <translation>请选择区县</translation>
    </message>
    <message>
        <source>Choose your ward or commune</source>
        <translation>请选择乡镇街道</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>More</source>
        <translation>更多</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <source>Please check your application</source>
        <translation>请核对申请信息</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号码</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>办理业务</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>Pick-up</source>
        <translation>领取方式</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Change photo</source>
        <translation>更换照片</translation>
    </message>
    <message>
        <source>Change contact</source>
        <translation>修改联系方式</translation>
    </message>
    <message>
        <source>You agreed that your data and photo are used only to make your new ID card.</source>
        <translation>您已同意您的信息和照片仅用于制作新证件。</translation>
    </message>
    <message>
        <source>Sign again</source>
        <translation>重新签名</translation>
    </message>
    <message>
        <source>Submit application</source>
        <translation>提交申请</translation>
    </message>
</context>
<context>
    <name>ScanGuidance</name>
    <message>
        <source>Hold the code inside the frame.</source>
        <translation>请让编码位于框内。</translation>
    </message>
    <message>
        <source>This is not the code we need here.</source>
        <translation>这不是此处需要的编码。</translation>
    </message>
    <message>
        <source>We cannot use this code. Show another one.</source>
        <translation>无法使用此编码，请出示其他编码。</translation>
    </message>
    <message>
        <source>Code read.</source>
        <translation>编码已读取。</translation>
    </message>
</context>
<context>
    <name>ScriptKeypad</name>
    <message>
        <source>Type pinyin, then tap the characters above the keys</source>
        <translation>请输入拼音，然后点选键盘上方的汉字</translation>
    </message>
    <message>
        <source>Telex: aa=â aw=ă ee=ê oo=ô ow=ơ uw=ư dd=đ; tone: s f r x j</source>
        <translation>Telex 输入法：aa=â aw=ă ee=ê oo=ô ow=ơ uw=ư dd=đ；声调：s f r x j</translation>
    </message>
    <message>
        <source>Type the street and house number</source>
        <translation>请输入街道和门牌号</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Street, number, building</source>
        <translation>街道、门牌号、楼栋</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Sign here</source>
        <translation>请在此处签名</translation>
    </message>
</context>
<context>
    <name>StatusPage</name>
    <message>
        <source>Check now</source>
        <translation>立即检查</translation>
    </message>
    <message>
        <source>Device health is not watched on this kiosk.</source>
        <translation>本机未监控设备状态。</translation>
    </message>
    <message>
        <source>Out of service: {reasons}</source>
        <translation>暂停服务：{reasons}</translation>
    </message>
    <message>
        <source>In service.</source>
        <translation>正在服务。</translation>
    </message>
    <message>
        <source>Switched off by a technician since {time}.</source>
        <translation>自 {time} 起由技术员暂停服务。</translation>
    </message>
    <message>
        <source>Reason given: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>起始时间</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>最近错误</translation>
    </message>
    <message>
        <source>At</source>
        <translation>时间</translation>
    </message>
</context>
<context>
    <name>StepIndicator</name>
    <message>
        <source>Step {current} of {total}</source>
        <translation>第 {current} 步，共 {total} 步</translation>
    </message>
</context>
<context>
    <name>SubmitScreen</name>
    <message>
        <source>Please do not leave: your receipt comes next.</source>
        <translation>请不要离开，稍后将打印回执。</translation>
    </message>
    <message>
        <source>Saving your application…</source>
        <translation>正在保存您的申请…</translation>
    </message>
    <message>
        <source>Your application is saved. Preparing your receipt…</source>
        <translation>申请已保存，正在准备回执…</translation>
    </message>
    <message>
        <source>Printing your receipt…</source>
        <translation>正在打印回执…</translation>
    </message>
    <message>
        <source>Almost done…</source>
        <translation>即将完成…</translation>
    </message>
</context>
<context>
    <name>TextKeypad</name>
    <message>
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Type the address with the keys below</source>
        <translation>请用下方按键输入地址（可输入拼音）</translation>
    </message>
    <message>
        <source>Letters and digits, as on the card</source>
        <translation>按证件上所印输入字母和数字</translation>
    </message>
</context>
<context>
    <name>VersionsPage</name>
    <message>
        <source>Restart closes the devices and the queue and starts the kiosk again.</source>
        <translation>重启会关闭设备和队列，然后重新启动本机。</translation>
    </message>
    <message>
        <source>Tap again to restart</source>
        <translation>再点一次以重启</translation>
    </message>
    <message>
        <source>Restart the application</source>
        <translation>重启应用程序</translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <source>Renew your ID card</source>
        <translation>身份证自助换领</translation>
    </message>
    <message>
        <source>Have ready: your ID card (if you still have it) and your mobile phone.</source>
        <translation>请准备：身份证（如仍持有）和手机。</translation>
    </message>
    <message>
        <source>Choose your language to start:</source>
        <translation>请选择语言开始：</translation>
    </message>
    <message>
        <source>Large text</source>
        <translation>大字体</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>高对比度</translation>
    </message>
    <message>
        <source>Voice guidance</source>
        <translation>语音提示</translation>
    </message>
    <message>
        <source>Expiring, damaged or lost card: about {minutes} minutes.</source>
        <translation>到期换领、损坏换领、丢失补领：约 {minutes} 分钟。</translation>
    </message>
    <message>
        <source>A card has been left on the card reader.</source>
        <translation>有一张卡遗留在读卡器上。</translation>
    </message>
    <message>
        <source>If it is yours, please take it. If not, please give it to our staff.</source>
        <translation>如果是您的卡，请取走；如果不是，请交给工作人员。</translation>
    </message>
</context>
</TS>
